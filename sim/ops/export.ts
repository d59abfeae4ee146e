// C8: export card details: the filter, the traffic months, daily usage or not, a file name. In the
// simulation the job runs to its end at the sim time it was asked for, so the file is the fleet as
// it was at that moment (and a run stays deterministic); the server writes it to its data folder.
import { TwinError } from '../errors.ts';
import type { WorldOperation } from './types.ts';

export const exportCards: WorldOperation<'export'> = {
  name: 'export',
  kind: 'world',
  performer: 'user',
  apply(world, args, by) {
    try {
      const job = world.exportedFiles.start(world, args);
      const progress = job.runToEnd();
      world.emit('export.done', job.name, {
        rows: progress.rowsWritten,
        bytes: progress.bytesWritten,
        status: progress.status,
        by,
      });
      return { detail: `${job.name}: ${progress.rowsWritten} rows` };
    } catch (error) {
      if (error instanceof TwinError) return { code: error.code, message: error.message };
      throw error;
    }
  },
};
