/** Reading a secret from the terminal without echoing it (the passphrase must not reach argv or the screen). */
import { CliError } from './errors';

export function readSecret(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(new CliError({ key: 'cli.noPassphrase' }, 2));
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let text = '';
    const done = (f: () => void) => { input.setRawMode(false); input.pause(); input.off('data', onData); process.stderr.write('\n'); f(); };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done(() => resolve(text));
        if (ch === '\u0003') return done(() => reject(new CliError({ key: 'cli.cancelled' }, 130)));
        if (ch === '\u007f' || ch === '\b') text = text.slice(0, -1);
        else text += ch;
      }
    };
    input.on('data', onData);
  });
}
