import type { FaceState, VisitInput, VisitorSettings } from '../../miniprogram/core/api/visitor';
import { FACE_FILE_PATTERN } from '../../miniprogram/core/visit-rules';
import { sdk } from '../platform/cloud';
import { AppError } from '../platform/errors';

/**
 * 人脸登记 (R14) behind the site's capture adapter: at the gate (the default: the booking says the site's face
 * terminal takes it on arrival, nothing is collected in the app) or in the app (a photo the page uploaded to private
 * storage, accepted only where the site's switch `faceCapture: 'app'` is on — docs/deploy.md says when an operator
 * may turn it on). Photos are read only through short-lived temp URLs, by approvers. A photo is accepted only from
 * the caller's own upload folder, `visitors/faces/<openid>/`: a file id names any file of the environment's storage,
 * and a booking must not attach (and later expose to its approvers, or delete) a photo someone else uploaded.
 */
/** The caller's own upload folder for face photos, as `visitor.settings` tells the page. */
export function faceFolderOf(openid: string): string {
  return `visitors/faces/${openid}/`;
}

export function faceOf(
  settings: VisitorSettings,
  face: VisitInput['face'],
  uploaderOpenid: string,
): { state: FaceState; fileId?: string } {
  const fileId = typeof face === 'object' ? face.fileId : undefined;
  if (settings.face === 'off') {
    if (fileId) throw new AppError('INVALID_ARGUMENT', '本小区未开启人脸登记');
    return { state: 'none' };
  }
  if (fileId && settings.faceCapture !== 'app') {
    throw new AppError('INVALID_ARGUMENT', '本小区的人脸在门岗登记，请勿上传照片');
  }
  if (face === 'skip') {
    if (settings.face === 'required') throw new AppError('INVALID_ARGUMENT', '本小区要求登记人脸');
    return { state: 'skipped' };
  }
  if (settings.faceCapture === 'gate') return { state: 'atGate' };
  if (fileId) {
    if (FACE_FILE_PATTERN.exec(fileId)?.[1] !== uploaderOpenid) throw new AppError('INVALID_ARGUMENT', '人脸照片无效');
    return { state: 'uploaded', fileId };
  }
  if (settings.face === 'required') throw new AppError('INVALID_ARGUMENT', '请登记人脸');
  return { state: 'skipped' };
}

/** how long an approver's link to a face photo works */
const FACE_URL_SECONDS = 600;

export async function faceUrl(fileId: string): Promise<string | undefined> {
  const result = await sdk().getTempFileURL({ fileList: [{ fileID: fileId, maxAge: FACE_URL_SECONDS }] });
  const item = result ? result.fileList[0] : undefined;
  return item && item.status === 0 ? item.tempFileURL : undefined;
}
