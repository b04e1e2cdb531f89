/*
 * Where the cell editor opens: below the top of its cell (the default), or flipped so that it ends at the cell's
 * bottom when it would overflow the visible area below and there is more room above; aligned to the cell's right
 * edge when it would overflow on the right. Pure geometry, so Jest checks it without a layout engine.
 */

export interface Box {
    top: number;
    left: number;
    bottom: number;
    right: number;
}

export interface EditorPlacement {
    /** The editor ends at the cell's bottom and grows upward. */
    above: boolean;
    /** The editor ends at the cell's right edge and grows leftward. */
    alignRight: boolean;
}

/**
 * @param cell the edited cell's box (viewport coordinates)
 * @param size the editor's rendered width and height
 * @param bounds what the user can see of the grid: its scroll area within the viewport
 */
export function placeEditor(cell: Box, size: { width: number; height: number }, bounds: Box): EditorPlacement {
    const below = bounds.bottom - cell.top;
    const above = cell.bottom - bounds.top;
    const right = bounds.right - cell.left;
    const left = cell.right - bounds.left;
    return {
        above: size.height > below && above > below,
        alignRight: size.width > right && left > right
    };
}

/** The intersection of two boxes (an empty box keeps top ≤ bottom and left ≤ right). */
export function intersect(a: Box, b: Box): Box {
    const top = Math.max(a.top, b.top);
    const left = Math.max(a.left, b.left);
    return {
        top,
        left,
        bottom: Math.max(top, Math.min(a.bottom, b.bottom)),
        right: Math.max(left, Math.min(a.right, b.right))
    };
}
