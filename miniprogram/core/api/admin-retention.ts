/** 数据保存期限 (X7) in the back office: how long the site keeps its access records. */
export interface AdminRetentionActions {
  /** the site's period, the default filled in */
  retention: { request: { siteId: string }; response: { accessRecordsDays: number } };
  /** records older than the new period go at the next daily purge (04:00) */
  setRetention: {
    request: { siteId: string; accessRecordsDays: number; requestId: string };
    response: { accessRecordsDays: number };
  };
}
