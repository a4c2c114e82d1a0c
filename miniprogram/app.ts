App({
  onLaunch() {
    // No env: the appid's default cloud environment. traceUser lists each resident in the cloud console's user
    // management, which property staff use when a resident reports a problem.
    wx.cloud.init({ traceUser: true });
  },
});
