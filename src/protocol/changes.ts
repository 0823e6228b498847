// API changes between two versions of a model, whatever the protocol: the gate's verdict and its text.
import type { ApiChange } from './protocol.js';

export const isBreaking = (changes: ApiChange[]) => changes.some((c) => c.severity === 'breaking');

export function formatChanges(changes: ApiChange[]): string {
  if (changes.length === 0) return 'no API changes\n';
  return (
    changes
      .map((c) => `${c.severity === 'breaking' ? 'BREAKING ' : 'compatible'} ${JSON.stringify(c.signature)}${c.where ? ` ${c.where}` : ''}: ${c.message}`)
      .join('\n') + '\n'
  );
}
