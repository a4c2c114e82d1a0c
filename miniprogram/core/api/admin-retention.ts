/**
 * 数据保存期限 (X7) in the back office: how long the site keeps its access records, and a visitor's ID number and face
 * photo. The one place both are set (访客通行证设置 no longer holds the visitor period).
 */
export interface RetentionSettings {
  /** days an access record is kept; the `purge` timer deletes older ones daily at 04:00 */
  accessRecordsDays: number;
  /**
   * days after a visit's end when its sealed ID number and face photo are deleted (the `visitor` function's
   * `retention` timer, daily at 03:00); fixed on each booking when it is made, so a change applies to later bookings
   */
  visitorDataDays: number;
}

export interface AdminRetentionActions {
  /** the site's periods, the defaults filled in */
  retention: { request: { siteId: string }; response: RetentionSettings };
  /** replaces both periods */
  setRetention: {
    request: RetentionSettings & { siteId: string; requestId: string };
    response: RetentionSettings;
  };
}
