/** The platform's name as packages and bulk files give it (`publisher.name` of our own packages' metadata). */
export const PLATFORM_NAME = 'Infraestructura Abierta';
