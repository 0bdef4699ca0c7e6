/** SIGKILL to a process and all its descendants (see kill-tree.mjs). */
export function killTree(pid: number): void
