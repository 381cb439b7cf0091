import { CallSkeleton } from "@/components/call/call-skeleton";

/** While the server loads the call from its vendor. */
export default function CallLoading() {
  return <CallSkeleton />;
}
