/**
 * `GET /api/plantilla.xlsx`: the blank capture template, the workbook `infra-abierta template` writes (and
 * templates/plantilla-infraestructura-abierta.xlsx holds). An official who captures in Excel on a self-hosted server
 * had no way to get it from the site: *Mis envíos* asked for «su libro… con la plantilla» and only a command run on
 * the server wrote one, so a new implementer's official (nothing published, no datos.xlsx to start from) and its
 * coordination, neither of them at the server's console, were stuck before their first send.
 *
 * Public like the bulk files: it holds no data, only the sheets, their columns, help notes and drop-downs. Built once
 * per process on its first request (a few tenths of a CPU-second) and kept: it changes only with the program.
 */
import { Router } from 'express';
import { templateSpec } from '../../../core/template/template-spec';
import { templateBuffer } from '../xlsx/write-template';
import { TEMPLATE_FILE_NAME, TEMPLATE_PATH } from '../../../core/template/template-download';
import { acceptOnly } from './query-parameters';

export function templateRoutes(): Router {
  const router = Router();
  let built: Promise<Buffer> | undefined;
  router.get(TEMPLATE_PATH, async (req, res) => {
    acceptOnly(req, []);
    // A failed build is not kept: the next request tries again.
    const body = await (built ??= templateBuffer(templateSpec()).catch((e: unknown) => { built = undefined; throw e; }));
    res.set('Cache-Control', 'public, max-age=3600');
    res.attachment(TEMPLATE_FILE_NAME);
    res.type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    res.send(body);
  });
  return router;
}
