// The demo year's figures, the project's own fixtures; the services' seed-shaped integration tests use them too
// (through @tequio/testing), so a figure lives in one place.
import agenda2025 from './agenda-2025.json';

export { agenda2025 };
export * as correspondenceQ3_2025 from './correspondence-2025-q3';
export { Q2_2024 } from './transparency-2024-q2';
