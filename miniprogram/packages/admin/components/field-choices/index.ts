/**
 * 表单设置 as the 微小区 manual has it (访客表单, 出门条表单): each optional field of a form, shown or not, and when
 * shown, required or not. A hidden field cannot be required (the rules save it so); its 必填 switch is off and
 * disabled. Emits `change` with `{ key, show, required }`.
 */
export interface FieldChoiceRow {
  key: string;
  label: string;
  show: boolean;
  required: boolean;
}

type SwitchEvent = WechatMiniprogram.CustomEvent<object, object, { key: string }>;

Component({
  properties: {
    fields: { type: Array, value: [] as FieldChoiceRow[] },
  },

  methods: {
    onShow(event: SwitchEvent) {
      const row = this.rowOf(event.currentTarget.dataset.key);
      if (row) this.triggerEvent('change', { key: row.key, show: !row.show, required: row.required });
    },

    onRequired(event: SwitchEvent) {
      const row = this.rowOf(event.currentTarget.dataset.key);
      // a hidden field cannot be required: its switch is disabled
      if (row?.show) this.triggerEvent('change', { key: row.key, show: true, required: !row.required });
    },

    rowOf(key: string): FieldChoiceRow | undefined {
      return (this.data.fields as FieldChoiceRow[]).find((row) => row.key === key);
    },
  },
});
