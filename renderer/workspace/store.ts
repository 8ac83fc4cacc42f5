/**
 * The planner's workspace: the areas being drawn, their effect profiles and the operation settings.
 * This state is the source of truth; terra-draw edits it and is redrawn from it. zundo keeps the
 * undo/redo history of exactly this state, so Ctrl+Z undoes a vertex move and a profile edit alike.
 */
import { create } from 'zustand';
import { temporal } from 'zundo';
import type { PolygonGeometry } from '../../core/model/dataset';
import type { EffectProfile, Operation, OperationSettings } from '../../core/model/operation';
import { nextAreaName } from '../areas/names';
import { currentLocale } from '../i18n/current';
import { DEFAULT_PROFILE_ID, DEFAULT_SETTINGS } from '../../core/model/defaults';

export type AreaShape = 'polygon' | 'rectangle' | 'circle';

export interface WorkspaceArea {
  id: string;
  name: string;
  shape: AreaShape;
  geometry: PolygonGeometry;
  profileId: string;
  /** A profile edited for this area only. */
  profile?: EffectProfile;
}


interface WorkspaceState {
  name: string;
  areas: WorkspaceArea[];
  settings: OperationSettings;
  /** The dataset whose saved workspace has been loaded; autosave waits for it so it never overwrites unread work. */
  loadedFor: number | null;
  /** Replaces areas from the map (draw, edit, delete), keeping each area's profile. */
  syncFromMap(drawn: { id: string; shape: AreaShape; geometry: PolygonGeometry }[]): void;
  setProfile(areaId: string, profileId: string): void;
  setCustomProfile(areaId: string, profile: EffectProfile | undefined): void;
  renameArea(areaId: string, name: string): void;
  removeArea(areaId: string): void;
  clearAreas(): void;
  setSettings(patch: Partial<OperationSettings>): void;
  setName(name: string): void;
  load(operation: Operation | null, datasetId?: number): void;
}

export const useWorkspace = create<WorkspaceState>()(
  temporal(
    (set) => ({
      name: 'Working option',
      areas: [],
      settings: DEFAULT_SETTINGS,
      loadedFor: null,
      syncFromMap: (drawn) => set((s) => {
        const previous = new Map(s.areas.map((a) => [a.id, a]));
        const names = s.areas.map((a) => a.name);
        const areas = drawn.map((d) => {
          const p = previous.get(d.id);
          if (p) return { ...p, geometry: d.geometry, shape: d.shape };
          const name = nextAreaName(names, currentLocale());
          names.push(name);
          return { ...d, name, profileId: DEFAULT_PROFILE_ID };
        });
        return sameAreas(s.areas, areas) ? s : { areas };
      }),
      setProfile: (areaId, profileId) => set((s) => ({ areas: s.areas.map((a) => (a.id === areaId ? { ...a, profileId, profile: undefined } : a)) })),
      setCustomProfile: (areaId, profile) => set((s) => ({ areas: s.areas.map((a) => (a.id === areaId ? { ...a, profile } : a)) })),
      renameArea: (areaId, name) => set((s) => ({ areas: s.areas.map((a) => (a.id === areaId ? { ...a, name } : a)) })),
      removeArea: (areaId) => set((s) => ({ areas: s.areas.filter((a) => a.id !== areaId) })),
      clearAreas: () => set({ areas: [] }),
      setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
      setName: (name) => set({ name }),
      load: (operation, datasetId) => set(operation
        ? {
          ...(datasetId !== undefined ? { loadedFor: datasetId } : {}), name: operation.name, settings: operation.settings, areas: operation.areas.map((a) => ({ id: a.id, name: a.name, shape: a.shape ?? 'polygon', geometry: a.geometry, profileId: a.profileId, ...(a.profile ? { profile: a.profile } : {}) })) }
        : { name: 'Working option', settings: DEFAULT_SETTINGS, areas: [], ...(datasetId !== undefined ? { loadedFor: datasetId } : {}) }),
    }),
    {
      partialize: (s) => ({ areas: s.areas, settings: s.settings, name: s.name }),
      limit: 200,
      equality: (a, b) => JSON.stringify(a) === JSON.stringify(b),
    },
  ),
);

function sameAreas(a: WorkspaceArea[], b: WorkspaceArea[]): boolean {
  return a.length === b.length && a.every((x, i) => x.id === b[i]!.id && JSON.stringify(x.geometry) === JSON.stringify(b[i]!.geometry));
}

/** The workspace as an API operation. */
export function toOperation(s: Pick<WorkspaceState, 'name' | 'areas' | 'settings'>): Operation {
  return {
    name: s.name,
    settings: s.settings,
    areas: s.areas.map((a) => ({ id: a.id, name: a.name, shape: a.shape, geometry: a.geometry, profileId: a.profileId, ...(a.profile ? { profile: a.profile } : {}) })),
  };
}
