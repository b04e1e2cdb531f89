import * as core from '@salesforce/code-analyzer-core';
import * as path from 'node:path';
(async () => {
  const t0 = Date.now();
  const ws = path.resolve(process.argv[2]);
  const config = core.CodeAnalyzerConfig.fromObject({ config_root: ws, log_folder: '/tmp/ca-logs', engines: { pmd: process.env.LANGS ? { rule_languages: process.env.LANGS.split(',') } : {}, cpd: { disable_engine: true } } });
  const ca = new core.CodeAnalyzer(config);
  ca.onEvent(core.EventType.LogEvent, (e: any) => { console.error(`${Date.now()-t0} [log ${e.logLevel} ${e.source}] ${e.message.slice(0,250)}`); });
  await ca.addEnginePlugin(require('@salesforce/code-analyzer-pmd-engine').createEnginePlugin());
  const workspace = await ca.createWorkspace([path.join(ws, 'force-app')]);
  const sel = await ca.selectRules(['Security'], { workspace });
  console.error('rules', sel.getEngineNames().map((n: string) => `${n}=${sel.getRulesFor(n).map((r:any)=>r.getName()).join(',')}`).join(' '), Date.now()-t0);
  const results = await ca.run(sel, { workspace });
  for (const v of results.getViolations()) {
    const loc = v.getCodeLocations()[v.getPrimaryLocationIndex()];
    console.log(v.getRule().getName(), path.relative(ws, loc.getFile() || ''), loc.getStartLine(), v.getMessage());
  }
  console.error('ms', Date.now() - t0);
})();
