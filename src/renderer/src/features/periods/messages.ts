import { defineMessages } from '../../i18n/define';

export const periodsMessages = defineMessages({
  en: {
    subtitle: 'Monthly periods with data. Periods are closed in order, oldest first.',
    columns: { period: 'Period', code: 'Code', status: 'Status', runHash: 'Run hash' },
    status: { open: 'Open', closed: 'Closed' },
    empty: {
      title: 'No periods with data yet',
      body: 'A period appears here once it has orders, returns or adjustments.',
    },
    noRun: 'not computed',
  },
  id: {
    subtitle: 'Periode bulanan yang memiliki data. Tutup buku berurutan, mulai dari yang terlama.',
    columns: { period: 'Periode', code: 'Kode', status: 'Status', runHash: 'Hash perhitungan' },
    status: { open: 'Terbuka', closed: 'Ditutup' },
    empty: {
      title: 'Belum ada periode dengan data',
      body: 'Periode muncul di sini setelah ada pesanan, retur, atau penyesuaian.',
    },
    noRun: 'belum dihitung',
  },
});
