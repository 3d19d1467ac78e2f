/**
 * An ocid with its registered prefix in lower case. The OCP registers prefixes in lower case («ocds-» and 6
 * letters or digits), and ocids compare as text: Ciudad de México published «OCDS-87SD3T-SEFIN-DRM-A-002-2016»
 * (prefix ocds-87sd3t), which is another process than «ocds-87sd3t-SEFIN-DRM-A-002-2016» for OCDS and for this
 * system's records. The local part after the prefix is the publisher's and is kept as written. Undefined when the
 * text does not start with a prefix.
 */
export function lowerOcidPrefix(ocid: string): string | undefined {
  const m = /^(ocds-[a-z0-9]{6})(-\S+)$/i.exec(ocid);
  return m ? `${m[1].toLowerCase()}${m[2]}` : undefined;
}
