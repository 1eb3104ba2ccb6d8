import type Database from 'better-sqlite3';
import { bumpConfigVersion } from '../store/config-version.js';
import { PARK_SLOTS, type ParkSlot, type ParkSlotName } from './park-slot-names.js';

export interface LinkTemplates {
  /** CRM link (CRM連携): opened from the incoming popup; null = not set */
  crmUrl: string | null;
  /** number search (番号検索): opened from the popup's search button; null = not set */
  numberSearchUrl: string | null;
}

/**
 * Per-tenant link templates and park-slot names. Every write bumps the tenant's config version
 * in the same transaction, so polling softphones pick the change up (config-version.ts).
 */
export class TemplateQueries {
  private readonly selectTemplates: Database.Statement<[number], { crm_url: string | null; number_search_url: string | null }>;
  private readonly upsertTemplates: Database.Statement<[number, string | null, string | null, number]>;
  private readonly selectSlotNames: Database.Statement<[number], { slot: ParkSlot; name: string }>;
  private readonly upsertSlotName: Database.Statement<[number, string, string]>;
  private readonly deleteSlotName: Database.Statement<[number, string]>;
  private readonly writeTemplates: (tenantId: number, templates: LinkTemplates) => void;
  private readonly writeSlotNames: (tenantId: number, slots: readonly ParkSlotName[]) => void;

  constructor(db: Database.Database) {
    this.selectTemplates = db.prepare('SELECT crm_url, number_search_url FROM tenant_link_templates WHERE tenant_id = ?');
    this.upsertTemplates = db.prepare(`
      INSERT INTO tenant_link_templates (tenant_id, crm_url, number_search_url, updated_at) VALUES (?, ?, ?, ?)
      ON CONFLICT (tenant_id) DO UPDATE SET crm_url = excluded.crm_url, number_search_url = excluded.number_search_url,
        updated_at = excluded.updated_at`);
    this.selectSlotNames = db.prepare('SELECT slot, name FROM park_slot_names WHERE tenant_id = ?');
    this.upsertSlotName = db.prepare(
      'INSERT INTO park_slot_names (tenant_id, slot, name) VALUES (?, ?, ?) ON CONFLICT (tenant_id, slot) DO UPDATE SET name = excluded.name',
    );
    this.deleteSlotName = db.prepare('DELETE FROM park_slot_names WHERE tenant_id = ? AND slot = ?');
    this.writeTemplates = db.transaction((tenantId: number, templates: LinkTemplates) => {
      this.upsertTemplates.run(tenantId, templates.crmUrl, templates.numberSearchUrl, Date.now());
      bumpConfigVersion(db, tenantId);
    });
    this.writeSlotNames = db.transaction((tenantId: number, slots: readonly ParkSlotName[]) => {
      for (const { slot, name } of slots) {
        if (name === null) this.deleteSlotName.run(tenantId, slot);
        else this.upsertSlotName.run(tenantId, slot, name);
      }
      bumpConfigVersion(db, tenantId);
    });
  }

  templates(tenantId: number): LinkTemplates {
    const row = this.selectTemplates.get(tenantId);
    return { crmUrl: row?.crm_url ?? null, numberSearchUrl: row?.number_search_url ?? null };
  }

  setTemplates(tenantId: number, templates: LinkTemplates): void {
    this.writeTemplates(tenantId, templates);
  }

  /** All eight slots in order, named or not. */
  parkSlotNames(tenantId: number): ParkSlotName[] {
    const names = new Map(this.selectSlotNames.all(tenantId).map((row) => [row.slot, row.name]));
    return PARK_SLOTS.map((slot) => ({ slot, name: names.get(slot) ?? null }));
  }

  setParkSlotNames(tenantId: number, slots: readonly ParkSlotName[]): void {
    this.writeSlotNames(tenantId, slots);
  }
}
