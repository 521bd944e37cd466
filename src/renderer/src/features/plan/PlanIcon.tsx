import type { SVGProps } from 'react';

/** Nav icon of the plan screen: a ladder of ranks (drawn like components/icons.tsx). */
export function IconPlan({ size = 18, ...rest }: SVGProps<SVGSVGElement> & { size?: number }) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...rest}
    >
      <path d="M4 20h4v-5h4v-5h4V5h4" />
      <path d="M4 20h16" />
      <circle cx="18" cy="5" r="0.6" />
    </svg>
  );
}
