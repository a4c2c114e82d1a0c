/**
 * A photo from the phone into private cloud storage: `wx.chooseMedia` (the album, the camera, or both — WeChat then
 * asks 拍摄 or 从相册选择), then `wx.cloud.uploadFile` into `folder`, the caller's own upload folder as the function
 * that takes the file id gave it (each function accepts files from that folder only). Files there are read only
 * through the function's short-lived links. The file name is random: it says nothing about who is in the photo.
 *
 * Used by 物品照片 (出门条), 人脸登记 (访客) and the 专用通行证 member form. `cancelled` when the person closed the
 * picker; otherwise a failure is the upload's (no network, storage refused it, a client without uploadFile), which the
 * page says in words.
 */
export type UploadedPhoto = { ok: true; fileId: string; preview: string } | { ok: false; cancelled: boolean };

export interface PhotoSources {
  /** where the photo may come from; both unless the caller says */
  sources?: Array<'album' | 'camera'>;
  /** the camera that opens: 'front' for a selfie */
  camera?: 'back' | 'front';
}

const FAILED: UploadedPhoto = { ok: false, cancelled: false };

// promise chains rather than async/await: WeChat's compiler turns an async function into a regenerator state machine,
// half as large again (1.5 KB against 1.0), and this file is in the main package that every first start downloads
export function uploadPhoto(folder: string, options: PhotoSources = {}): Promise<UploadedPhoto> {
  return wx
    .chooseMedia({
      count: 1,
      mediaType: ['image'],
      sourceType: options.sources ?? ['album', 'camera'],
      camera: options.camera ?? 'back',
    })
    .then(
      (chosen) => upload(folder, chosen.tempFiles[0]?.tempFilePath ?? ''),
      (): UploadedPhoto => ({ ok: false, cancelled: true }),
    );
}

function upload(folder: string, tempFilePath: string): Promise<UploadedPhoto> {
  const cloud = wx.cloud as Partial<typeof wx.cloud> | undefined;
  if (!tempFilePath || !folder || typeof cloud?.uploadFile !== 'function') return Promise.resolve(FAILED);
  // the picture's own kind (a PNG from the album stays .png, so storage serves it as one); the functions take these three
  const extension = /\.(jpe?g|png)$/i.exec(tempFilePath)?.[1].toLowerCase() ?? 'jpg';
  const name = `${Date.now()}-${Math.random().toString(36).slice(2, 12)}.${extension}`;
  return cloud.uploadFile({ cloudPath: `${folder}${name}`, filePath: tempFilePath }).then(
    ({ fileID }): UploadedPhoto => (fileID ? { ok: true, fileId: fileID, preview: tempFilePath } : FAILED),
    (error: unknown) => {
      console.warn('could not upload the photo', error);
      return FAILED;
    },
  );
}
