// Point the platform's own SDK at a running twin: `npx cardtwin serve` in one terminal, then
// `npx tsx server/rpc/example.ts` in another. It starts nothing itself. With access keys on the twin
// (`--access-key id:secret`), give the same here: CARDTWIN_ACCESS_KEY_ID and CARDTWIN_ACCESS_KEY_SECRET;
// a twin without keys accepts any. CARDTWIN_ENDPOINT changes the address (default http://127.0.0.1:3000).
import RPCClient from '@alicloud/pop-core';

const client = new RPCClient({
  accessKeyId: process.env.CARDTWIN_ACCESS_KEY_ID ?? 'LTAI-example',
  accessKeySecret: process.env.CARDTWIN_ACCESS_KEY_SECRET ?? 'example-secret',
  endpoint: process.env.CARDTWIN_ENDPOINT ?? 'http://127.0.0.1:3000',
  apiVersion: '2021-05-20',
});

// The platform's replies: Code "200" and Success on success; the SDK throws on any other Code.
interface Reply<Data> {
  readonly Code: string;
  readonly Success: boolean;
  readonly RequestId: string;
  readonly Data: Data;
  /** The twin's operation id when a carrier delays the change (see GetOperateResult). */
  readonly SerialNo?: string;
}

interface CardRow {
  readonly Iccid: string;
  readonly Status: string;
  readonly OsStatus: string;
  readonly CredentialNo: string;
  readonly PeriodAddFlow: string;
}

const call = <Data>(action: string, params: Record<string, unknown> = {}) =>
  client.request<Reply<Data>>(action, params, { method: 'POST' });

// Cards in use on China Mobile, 10 a page (the platform's page sizes are 10, 15, 25 and 40).
const page = await call<{ Total: number; List: CardRow[] }>('ListCardInfo', {
  PageNo: 1,
  PageSize: 10,
  Vendor: 'CMCC',
  Status: '30',
});
console.log(`${page.Data.Total} China Mobile cards in use; the first ${page.Data.List.length}:`);
for (const row of page.Data.List)
  console.log(
    `  ${row.Iccid}  ${row.CredentialNo}  status ${row.Status}/${row.OsStatus}  ${row.PeriodAddFlow}`,
  );

const first = page.Data.List[0];
if (first) {
  const detail = await call<{ VsimCardInfo: { ActiveTime: string; ExpireTime: string } }>('GetCardDetail', {
    Iccid: first.Iccid,
  });
  console.log(
    `${first.Iccid}: active since ${detail.Data.VsimCardInfo.ActiveTime}, plan ends ${detail.Data.VsimCardInfo.ExpireTime}`,
  );

  // A change goes through the twin's journal like a console operation: stop the card, then resume it.
  const stop = await call<boolean>('StopSingleCard', { Iccid: first.Iccid });
  if (stop.SerialNo) {
    const result = await call<{ Status: string }>('GetOperateResult', { SerialNo: stop.SerialNo });
    console.log(`StopSingleCard is ${result.Data.Status} (the carrier delays it)`);
  } else {
    const resumed = await call<boolean>('ResumeSingleCard', { Iccid: first.Iccid });
    console.log(`StopSingleCard ${stop.Data}, ResumeSingleCard ${resumed.Data}`);
  }
}

// An error is thrown with the platform's code.
try {
  await call('GetCardDetail', { Iccid: '89860000000000000000' });
} catch (error) {
  console.log(`GetCardDetail of no card: ${(error as { code?: string }).code}`);
}

const stats = await call<{ ManageStopStatisticsDTO: { TotalCount: number } }>('GetCardStatusStatistics');
console.log(`cards stopped by their user: ${stats.Data.ManageStopStatisticsDTO.TotalCount}`);
