export * from "./schemas";
export * from "./permissions";
export { resolveStore, listStores, inStore, type Store, type StoreAccess } from "./access";
export { createOwnStore, signUpMerchant, type MerchantSignedUp } from "./stores";
export { agencyOf, createAgencyStore, type AgencyMembership } from "./agency";
export {
  inviteMember, listInvitations, revokeInvitation, viewInvitation, acceptInvitation,
  acceptInvitationWithNewAccount, INVITATION_TTL_MS, type CreatedInvitation, type InvitationView,
} from "./invitations";
export { listMembers } from "./members";
