import { CLOUD_NOT_STARTED, startCloud, type CloudApp } from './services/cloud';

App<CloudApp>({
  cloudEnvironment: CLOUD_NOT_STARTED,
  onLaunch() {
    this.cloudEnvironment = startCloud();
    if (!this.cloudEnvironment.ok) {
      // A build without its environment must not pass unnoticed: the console for DevTools, a dialog for whoever
      // holds a trial phone. Every cloud call answers with the same problem (services/cloud.ts).
      console.error(`[tongxing] ${this.cloudEnvironment.problem}`);
      wx.showModal({ title: '云环境未配置', content: this.cloudEnvironment.problem, showCancel: false });
    }
  },
});
