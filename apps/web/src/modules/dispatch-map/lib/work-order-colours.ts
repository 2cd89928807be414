/** Marker colour of a work order by state (the legend shows the same). */
export const WORK_ORDER_STATE_COLOURS: Record<'PENDING' | 'IN_PROGRESS' | 'MANUAL_EXCEPTION', string> = {
  PENDING: '#d97706',
  IN_PROGRESS: '#1f6feb',
  MANUAL_EXCEPTION: '#c62828',
};

/** Staff markers. */
export const STAFF_COLOUR = '#1a7f37';
/** Colours of played-back tracks, one per staff member in turn. */
export const TRACK_COLOURS = ['#7c3aed', '#db2777', '#0891b2', '#65a30d', '#ea580c', '#4f46e5', '#be123c', '#0d9488', '#a16207', '#475569'];
