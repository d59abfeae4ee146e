// Reading a recording file with one-line errors.
import { readFileSync } from 'node:fs';
import { parseRecording, RecordingError, type RecordingLine } from '../sim/record/recording.ts';
import { UsageError } from './io.ts';

export function readRecording(command: string, file: string): RecordingLine[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw new UsageError(
      `cardtwin ${command}: ${file}: ${code === 'ENOENT' ? 'no such file' : `cannot read (${code})`}`,
    );
  }
  try {
    return parseRecording(text);
  } catch (error) {
    if (error instanceof RecordingError)
      throw new UsageError(`cardtwin ${command}: ${file}: ${error.message}`);
    throw error;
  }
}
