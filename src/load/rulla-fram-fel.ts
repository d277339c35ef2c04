/** A report that cannot be rolled forward; the message is Swedish and shown as is. */
export class RullaFramFel extends Error {
  constructor(meddelande: string) {
    super(meddelande);
    this.name = 'RullaFramFel';
  }
}
