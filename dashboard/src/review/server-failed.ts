/** Said when the server answered with an error and no message of its own (a proxy's 502, a crash's 500). No DOM here. */
export const serverFailed = (status: number): string => `El servidor respondió ${status}. Intente de nuevo en unos minutos.`;

/** Said when a request got no answer at all (connection lost, server down): not the browser's «Failed to fetch». */
export const NO_ANSWER = 'No se pudo comunicar con el servidor. Revise su conexión e intente de nuevo.';
