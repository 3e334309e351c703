/** A refusal or failure of backup/restore, with the Vietnamese message shown to the operator. */
export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BackupError";
  }
}
