// Who can open a link the dashboard gives out for phones: said plainly whenever it is not everyone.
import { format, type Dictionary } from "@/i18n";
import type { PhoneAddress } from "@/server/phone-address";

export function PhoneReachNotice({ address, words }: { address: PhoneAddress; words: Dictionary["storeSetup"]["reach"] }) {
  if (address.reach === "public") return null;
  const warn = address.reach === "thisComputer";
  return (
    <p
      role={warn ? "alert" : "note"}
      data-testid="phone-reach"
      data-reach={address.reach}
      className={`mb-4 rounded-lg px-4 py-3 text-sm ${warn ? "bg-red-50 text-red-800" : "bg-amber-50 text-amber-900"}`}
    >
      {format(words[address.reach], { base: address.base })}
    </p>
  );
}
