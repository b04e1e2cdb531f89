#!/usr/bin/env bash
# `npm run org:setup [alias]`: scratch org with everything the project ships.
# Creates the org, builds (TypeScript → LWC .js, definition records), deploys, assigns the permission
# sets, imports the sample data, runs the post-deploy Apex setup, and opens the sample app.
set -euo pipefail
cd "$(dirname "$0")/../.."
export SF_DISABLE_TELEMETRY=true SF_SKIP_NEW_VERSION_CHECK=true NPM_CONFIG_UPDATE_NOTIFIER=false
ALIAS="${1:-dynamic-components}"
SF=./node_modules/.bin/sf

[ -x "$SF" ] || npm ci --no-audit --no-fund

if ! "$SF" config get target-dev-hub --json 2>/dev/null | grep -q '"value": "[^"]'; then
    cat >&2 <<'MSG'
No Dev Hub is authorised, so a scratch org cannot be created.
Authorise one first, for example:
    ./node_modules/.bin/sf org login web --set-default-dev-hub --alias devhub
then run `npm run org:setup` again.
MSG
    exit 1
fi

step() { printf '\n▸ %s\n' "$*"; }
step "Build (TypeScript → LWC .js, definitions → custom metadata)"
npm run build
step "Create scratch org '$ALIAS'"
"$SF" org create scratch -f config/project-scratch-def.json -a "$ALIAS" -d -y 7 -w 15
step "Deploy"
"$SF" project deploy start -o "$ALIAS" -w 30
step "Assign permission sets"
for ps in force-app/main/default/permissionsets/*.permissionset-meta.xml; do
    name=$(basename "$ps" .permissionset-meta.xml)
    "$SF" org assign permset -n "$name" -o "$ALIAS"
done
step "Import sample data"
"$SF" data tree import -p data/data-plan.json -o "$ALIAS"
if [ -f scripts/org/post-deploy.apex ]; then
    step "Post-deploy setup (queue and group members)"
    "$SF" apex run -f scripts/org/post-deploy.apex -o "$ALIAS"
fi
step "Open the org"
"$SF" org open -o "$ALIAS" -p lightning/o/Contact/list
