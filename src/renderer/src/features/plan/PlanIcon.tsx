import { Svg, type Icon } from '../../components/icons';

/** Nav icon of the plan screen: a ladder of ranks (drawn in components/icons.tsx's frame). */
export const IconPlan: Icon = (p) => (
  <Svg {...p}>
    <path d="M4 20h4v-5h4v-5h4V5h4" />
    <path d="M4 20h16" />
    <circle cx="18" cy="5" r="0.6" />
  </Svg>
);
