/**
 * The `admin` function's settings screens (通行证设置, 出门条设置, 最近修改) for the back-office pages. The contract is
 * core/api/admin.ts and the area files beside it; this file holds only the settings' calls, so the back office's
 * other screens keep their own services file.
 */
import type { AdminActions } from '../../../core/api/admin';
import { cloudFunction } from '../../../services/cloud';

export const adminSettings = cloudFunction<AdminActions>('admin');
