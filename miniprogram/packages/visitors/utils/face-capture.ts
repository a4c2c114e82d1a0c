/**
 * 人脸登记 in the app (R14, a site whose `faceCapture` is `app`): the front camera, then `wx.cloud.uploadFile` to
 * private cloud storage in the person's own folder (`folder`, which `visitor.settings` gives: the only one the function
 * accepts, core/visit-rules.ts FACE_FILE_PATTERN), readable only through the function's short-lived URLs. The file
 * name is random: it says nothing about who is in the photo. Null when nothing was kept — the person closed the camera,
 * no network, or a client without `wx.cloud.uploadFile`.
 */
export type FaceCaptureResult = { ok: true; fileId: string; preview: string } | { ok: false; cancelled: boolean };

export async function captureFace(folder: string): Promise<FaceCaptureResult> {
  let tempFilePath: string;
  try {
    const chosen = await wx.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['camera'], camera: 'front' });
    tempFilePath = chosen.tempFiles[0]?.tempFilePath ?? '';
  } catch {
    return { ok: false, cancelled: true };
  }
  const cloud = wx.cloud as Partial<typeof wx.cloud> | undefined;
  if (!tempFilePath || !folder || typeof cloud?.uploadFile !== 'function') return { ok: false, cancelled: false };
  const name = `${Date.now()}-${Math.random().toString(36).slice(2, 12)}.jpg`;
  try {
    const { fileID } = await cloud.uploadFile({ cloudPath: `${folder}${name}`, filePath: tempFilePath });
    return fileID ? { ok: true, fileId: fileID, preview: tempFilePath } : { ok: false, cancelled: false };
  } catch (error) {
    console.warn('could not upload the face photo', error);
    return { ok: false, cancelled: false };
  }
}
