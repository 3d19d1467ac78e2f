/** OCDS release/record packages and OC4IDS project packages with `links.next` pagination. */
export { releasePackage, recordPackage, projectPackage, type PackageMeta, type PackagePublisher, type PackageLinks, type Package } from './packages';
export { EDCA_MX_EXTENSIONS, EXTENSION_SOURCES, extensionUrl, PROGRAM_EXTENSIONS, programExtensionUrl, servedExtensions } from './extensions';
