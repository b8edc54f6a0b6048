/** A refused sandbox operation: a failure value carrying the HTTP status to answer with. */
import { fail, type Result } from "../../../shared/result.ts";

export type Refusal = Result<never>;
export const refuse = (status: number, code: string, message: string) => fail(code, message, { status });
