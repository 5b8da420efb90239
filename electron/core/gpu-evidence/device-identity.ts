import type { ChainCertificate } from './chain-certificates';
import { OID, otherNames } from './certificate-details';
import type { GpuDeviceIdentity } from './evidence-types';
import { decodeNulPaddedAscii, decodeVbiosVersion, OPAQUE_FIELD } from './opaque-fields';
import { toHex } from './report-bytes';
import type { ParsedSpdmReport } from './spdm-report';

const CHIP_ID_PREFIX = /^NVIDIA:[^:]+:/;

/** The chip id of "NVIDIA:GH100:48B02D92494BADF4" in the leaf's subjectAltName. */
export function chipIdOf(leaf: ChainCertificate): string | undefined {
  try {
    const name = otherNames(leaf.details, OID.nvidiaDeviceName).find((value) => CHIP_ID_PREFIX.test(value));
    return name?.replace(CHIP_ID_PREFIX, '');
  } catch {
    return undefined; // a malformed SAN leaves the chip id unknown; the chain check judges the certificate
  }
}

/**
 * Who the GPU is: the leaf certificate's serial (NVIDIA's UEID), chip id and model, and what the
 * report says — versions, FWID, the requester's nonce, the measurements. Serial and model are ''
 * when the leaf certificate did not parse.
 */
export function deviceIdentity(report: ParsedSpdmReport, leaf: ChainCertificate | undefined): GpuDeviceIdentity {
  const driver = report.opaqueByType.get(OPAQUE_FIELD.driverVersion);
  const vbios = report.opaqueByType.get(OPAQUE_FIELD.vbiosVersion);
  const fwid = report.opaqueByType.get(OPAQUE_FIELD.fwid);
  const chipId = leaf === undefined ? undefined : chipIdOf(leaf);
  let vbiosVersion: string | undefined;
  try {
    vbiosVersion = vbios === undefined ? undefined : decodeVbiosVersion(vbios.value, vbios.offset);
  } catch {
    vbiosVersion = undefined; // an odd-sized field is shown as unknown, not guessed
  }
  const blocks = [...report.response.blocks].sort((a, b) => a.index - b.index);
  return {
    serial: leaf?.x509.serialNumber.toUpperCase() ?? '',
    ...(chipId !== undefined ? { chipId } : {}),
    model: leaf?.commonName ?? '',
    fwid: fwid === undefined ? '' : toHex(fwid.value),
    ...(driver !== undefined ? { driverVersion: decodeNulPaddedAscii(driver.value) } : {}),
    ...(vbiosVersion !== undefined ? { vbiosVersion } : {}),
    nonce: toHex(report.request.nonce),
    measurements: blocks.map((block) => toHex(block.value)),
  };
}
