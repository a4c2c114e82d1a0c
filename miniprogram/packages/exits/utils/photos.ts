/**
 * 物品照片 (P9): a photo from the album or camera, uploaded with `wx.cloud.uploadFile` to the caller's own folder of
 * private storage (the form gives it; the only folder the `pass` function accepts, rules.ts), read only by the
 * site's administrators through short-lived links. The file name is random.
 */
export type PhotoResult = { ok: true; photo: { fileId: string; preview: string } } | { ok: false; cancelled: boolean };

export async function uploadGoodsPhoto(folder: string): Promise<PhotoResult> {
  let tempFilePath: string;
  try {
    const chosen = await wx.chooseMedia({ count: 1, mediaType: ['image'], sourceType: ['album', 'camera'] });
    tempFilePath = chosen.tempFiles[0]?.tempFilePath ?? '';
  } catch {
    return { ok: false, cancelled: true };
  }
  const cloud = wx.cloud as Partial<typeof wx.cloud> | undefined;
  if (!tempFilePath || !folder || typeof cloud?.uploadFile !== 'function') return { ok: false, cancelled: false };
  const name = `${Date.now()}-${Math.random().toString(36).slice(2, 12)}.jpg`;
  try {
    const { fileID } = await cloud.uploadFile({ cloudPath: `${folder}${name}`, filePath: tempFilePath });
    return fileID ? { ok: true, photo: { fileId: fileID, preview: tempFilePath } } : { ok: false, cancelled: false };
  } catch (error) {
    console.warn('could not upload the goods photo', error);
    return { ok: false, cancelled: false };
  }
}
