import { redirect } from "next/navigation";
import { homePath } from "@/server/home";
import { currentUser } from "@/server/session";

export default async function Home() {
  const user = await currentUser();
  redirect(user ? await homePath(user.id) : "/sign-in");
}
