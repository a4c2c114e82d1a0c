/**
 * The chosen avatar, uploaded to the app's cloud storage under avatars/: its file ID is what the profile keeps.
 * Null when it could not be kept — no network, or a client without `wx.cloud.uploadFile` (the browser preview
 * has none): the page then shows the chosen picture for this visit only.
 */
export async function uploadAvatar(tempFilePath: string): Promise<string | null> {
  const cloud = wx.cloud as Partial<typeof wx.cloud> | undefined;
  if (typeof cloud?.uploadFile !== 'function') return null;
  const extension = /\.(png|jpe?g|webp)$/i.exec(tempFilePath)?.[1]?.toLowerCase() ?? 'png';
  // a random name: the path says nothing about who it is, and two phones never overwrite each other's
  const name = `${Date.now()}-${Math.random().toString(36).slice(2, 10)}.${extension}`;
  try {
    const { fileID } = await cloud.uploadFile({ cloudPath: `avatars/${name}`, filePath: tempFilePath });
    return fileID || null;
  } catch (error) {
    console.warn('could not upload the avatar', error);
    return null;
  }
}
