import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ScreenProps } from '../../app/routes';
import { navigate } from '../../app/router';
import { Screen } from '../../components/Screen';
import { OrderDrawer } from './OrderDrawer';
import { OrderEntryForm } from './OrderEntryForm';
import { OrdersList } from './OrdersList';
import { ReturnsList } from './ReturnsList';
import { VolumesView } from './VolumesView';

type View = 'orders' | 'new' | 'returns' | 'volumes';

/**
 * `#/orders` the orders grid (`#/orders/o/<orderNo>` with that order's drawer), `#/orders/new`
 * the entry form, `#/orders/returns` the returns grid, `#/orders/volumes[/<period>]` the
 * volumes of a period.
 */
export function OrdersScreen({ params }: ScreenProps) {
  const { t } = useTranslation('orders');
  const { t: tc } = useTranslation();
  const first = params[0];
  const view: View =
    first === 'new' || first === 'returns' || first === 'volumes' ? first : 'orders';
  const openOrder = first === 'o' ? params[1] : undefined;

  return (
    <Screen
      title={tc('nav.orders')}
      subtitle={t('subtitle')}
      fill={view !== 'new'}
      actions={
        <SegmentedControl
          aria-label={t('view.label')}
          value={view}
          onChange={(v) => (v === 'orders' ? navigate('orders') : navigate('orders', v))}
          data={(['orders', 'new', 'returns', 'volumes'] as const).map((v) => ({
            value: v,
            label: t(`view.${v}`),
          }))}
          data-testid="orders-view"
        />
      }
    >
      {view === 'orders' ? (
        <>
          <OrdersList onOpen={(orderNo) => navigate('orders', 'o', orderNo)} />
          <OrderDrawer orderNo={openOrder} onClose={() => navigate('orders')} />
        </>
      ) : null}
      {view === 'new' ? <OrderEntryForm /> : null}
      {view === 'returns' ? <ReturnsList onOpen={(no) => navigate('orders', 'o', no)} /> : null}
      {view === 'volumes' ? (
        <VolumesView period={params[1]} onPeriod={(p) => navigate('orders', 'volumes', p)} />
      ) : null}
    </Screen>
  );
}
