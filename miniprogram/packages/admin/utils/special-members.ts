/** How 成员 (专用通行证, P6) shows a member: one line of who and one of the state that matters at the gate. */
import type { SpecialMemberView } from '../../../core/api/admin-special';

export interface MemberRow extends SpecialMemberView {
  title: string;
  detail: string;
  /** what stops the pass, or that the member has not bound yet; '' when all is well */
  state: string;
  /** 身份证照片 已上传 · 人脸照片 未上传 */
  photos: string;
}

const uploadedOrNot = (has: boolean) => (has ? '已上传' : '未上传');

/** `facePhotos`: the site may collect faces in the app; otherwise a face is mentioned only when one is on file. */
export function memberRowOf(member: SpecialMemberView, facePhotos: boolean): MemberRow {
  const state = member.status === 'disabled' ? '已停用' : member.expired ? '已过期' : member.bound ? '' : '未绑定';
  return {
    ...member,
    title: `${member.name} · ${member.organisation.name}${state ? `（${state}）` : ''}`,
    detail: `${member.phone} · 有效期 ${member.validFrom} 至 ${member.validTo}`,
    state,
    photos:
      `身份证照片 ${uploadedOrNot(member.hasIdPhoto)}` +
      (facePhotos || member.hasFacePhoto ? ` · 人脸照片 ${uploadedOrNot(member.hasFacePhoto)}` : ''),
  };
}

/**
 * One of the member form's two photo tiles (身份证照片, 人脸照片): the photo uploaded in this form (its file id and
 * the local picture to preview), or, when editing, whether one is on file — an edit that uploads none keeps it.
 */
export interface PhotoTile {
  kind: 'id' | 'face';
  label: string;
  fileId: string;
  preview: string;
  onFile: boolean;
  uploading: boolean;
}

/** The tiles the form shows: 人脸照片 only where the site may collect faces in the app (`facePhotos`). */
export function photoTiles(
  member?: Pick<SpecialMemberView, 'hasIdPhoto' | 'hasFacePhoto'>,
  facePhotos = false,
): PhotoTile[] {
  const tile = (kind: PhotoTile['kind'], label: string, onFile: boolean): PhotoTile => ({
    kind,
    label,
    fileId: '',
    preview: '',
    onFile,
    uploading: false,
  });
  const id = tile('id', '身份证照片', member?.hasIdPhoto ?? false);
  return facePhotos ? [id, tile('face', '人脸照片', member?.hasFacePhoto ?? false)] : [id];
}

/** The form's photos as `SpecialMemberInput` takes them: only those uploaded now (an absent one keeps the one on file). */
export function photoFields(tiles: PhotoTile[]): { idPhotoFileId?: string; facePhotoFileId?: string } {
  const fileOf = (kind: PhotoTile['kind']) => tiles.find((t) => t.kind === kind)?.fileId;
  const id = fileOf('id');
  const face = fileOf('face');
  return { ...(id ? { idPhotoFileId: id } : {}), ...(face ? { facePhotoFileId: face } : {}) };
}
