// Who may do what. Roles are the booth's: the lead (責任者), staff (受付・補助), the city office.
import { z } from 'zod';
import { Role } from '../../shared/contract.js';

export { Role };

export const Permission = z.enum(['serve', 'exportReports', 'changeSettings', 'manageStaff', 'manageEvents', 'wipe']);
export type Permission = z.infer<typeof Permission>;

const GRANTS: Record<Role, readonly Permission[]> = {
  lead: ['serve', 'exportReports', 'changeSettings', 'manageStaff', 'manageEvents', 'wipe'],
  staff: ['serve'],
  office: ['exportReports', 'manageStaff', 'manageEvents'],
};

export function permissionsOf(role: Role): Permission[] {
  return [...GRANTS[role]];
}

export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}
