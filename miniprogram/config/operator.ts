/**
 * Who runs this mini-program and answers for the personal data in it (个人信息处理者): the property that deploys it
 * fills these in before the first trial build (docs/deploy.md §7). The 用户协议 and 隐私政策 pages show them, and
 * the contact must be the one given in the platform's 用户隐私保护指引 (用户权益).
 */
export interface Operator {
  /** the company's registered name, e.g. 杭州某某物业服务有限公司 */
  name: string;
  /** where people send requests to read, correct or delete their data: an e-mail or a phone */
  contact: string;
  address: string;
}

export const OPERATOR: Operator = {
  name: '【运营方名称，由物业填写】',
  contact: '【个人信息保护联系邮箱或电话，由物业填写】',
  address: '【运营方地址，由物业填写】',
};
