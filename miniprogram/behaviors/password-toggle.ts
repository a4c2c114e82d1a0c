/** The eye icon of a password input (its `bind:click`): shows or hides what was typed. */
export const passwordToggle = Behavior({
  data: { showPassword: false },
  methods: {
    togglePassword() {
      this.setData({ showPassword: !this.data.showPassword });
    },
  },
});
