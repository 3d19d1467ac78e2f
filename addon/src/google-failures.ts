/**
 * The failures Google itself gives a page's google.script.run call, before or around our code (the failure handler
 * gets Google's words, in English, never our userFacing text): what happened and what to do, in Spanish. The sidebar
 * and the «Configurar servidor» dialog showed them as they came: «We're sorry, a server error occurred while reading
 * from storage. Error code PERMISSION_DENIED.» is what an official signed in to two Google accounts in one browser (the
 * institution's and a personal one, common) gets on every call — the call runs as the browser's first account, not
 * the one that opened the sheet — and nothing in it said so. Google's six minutes are execution-limit.ts's.
 * Kept as data (RegExp source, flags, text) so the dialog's inline script can use the same list (settings.ts).
 */

const ACCOUNTS = 'Google no dejó que el complemento trabajara con esta hoja de cálculo. Casi siempre pasa cuando el navegador tiene abiertas dos o más cuentas de Google a la vez (por ejemplo, la de su institución y una personal): el complemento se ejecuta con una cuenta distinta de la que abrió la hoja. Cierre la sesión de las otras cuentas, o abra la hoja en una ventana de incógnito o en un perfil del navegador con solo la cuenta de su institución, y vuelva a abrir el complemento desde Extensiones → Infraestructura Abierta.';
const AUTHORIZE = 'Google pide autorizar otra vez el complemento (suele pasar cuando se actualiza). Cierre esta ventana y elija de nuevo la opción en Extensiones → Infraestructura Abierta: Google le mostrará la ventana para autorizarlo.';
const NETWORK = 'Se perdió la conexión con Google antes de terminar. Revise su conexión a internet e inténtelo de nuevo; si estaba enviando a revisión, pulse antes «Validar»: el estado dice si el envío llegó.';
const GOOGLE_DOWN = 'Google tuvo una falla momentánea y no terminó la acción. Espere un momento e inténtelo de nuevo; si se repite, cierre y vuelva a abrir la hoja de cálculo.';

/** [pattern source, flags, text]: the first whose pattern the failure's message matches gives its text. */
export const GOOGLE_FAILURES: readonly (readonly [string, string, string])[] = [
  // Before the plain «a server error occurred»: the multi-account failure is one of those, with its own cause.
  ['PERMISSION_DENIED', '', ACCOUNTS],
  ['authori[sz]ation is required', 'i', AUTHORIZE],
  ['NetworkError|Connection failure', 'i', NETWORK],
  ["we're sorry, a server error occurred", 'i', GOOGLE_DOWN],
];

/** The Spanish text for a failure Google gave (`message`), or null when it is not one of Google's. */
export function googleFailureText(message: string): string | null {
  const found = GOOGLE_FAILURES.find(([source, flags]) => new RegExp(source, flags).test(message));
  return found ? found[2] : null;
}
