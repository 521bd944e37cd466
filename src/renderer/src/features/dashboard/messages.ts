import { defineMessages } from '../../i18n/define';

export const dashboardMessages = defineMessages({
  en: {
    subtitle: 'Sales, volume and membership at a glance',
    counts: {
      members: 'Members',
      distributors: 'Distributors',
      customers: 'Customers',
      products: 'Products',
      orders: 'Orders',
    },
    sales: {
      title: 'Sales and BV per month',
      sales: 'Sales',
      bv: 'BV',
      empty: 'No sales yet',
    },
    newMembers: {
      title: 'New members per month',
      distributors: 'Distributors',
      customers: 'Customers',
      empty: 'No members yet',
    },
    table: {
      title: 'Monthly summary',
      period: 'Period',
      orders: 'Orders',
      buyers: 'Buyers',
      sales: 'Sales',
      pv: 'PV',
      bv: 'BV',
    },
    demo: {
      title: 'The database is empty',
      body: 'Fill it with a demo company — {{members}} members with orders for the last {{months}} months — to try every screen.',
      action: 'Create demo data',
      running: 'Creating demo data…',
      done: 'Demo data created: {{members}} members, {{orders}} orders.',
    },
  },
  id: {
    subtitle: 'Ringkasan penjualan, volume, dan keanggotaan',
    counts: {
      members: 'Anggota',
      distributors: 'Distributor',
      customers: 'Konsumen',
      products: 'Produk',
      orders: 'Pesanan',
    },
    sales: {
      title: 'Penjualan dan BV per bulan',
      sales: 'Penjualan',
      bv: 'BV',
      empty: 'Belum ada penjualan',
    },
    newMembers: {
      title: 'Anggota baru per bulan',
      distributors: 'Distributor',
      customers: 'Konsumen',
      empty: 'Belum ada anggota',
    },
    table: {
      title: 'Ringkasan bulanan',
      period: 'Periode',
      orders: 'Pesanan',
      buyers: 'Pembeli',
      sales: 'Penjualan',
      pv: 'PV',
      bv: 'BV',
    },
    demo: {
      title: 'Database masih kosong',
      body: 'Isi dengan perusahaan demo — {{members}} anggota beserta pesanan {{months}} bulan terakhir — untuk mencoba semua layar.',
      action: 'Buat data demo',
      running: 'Membuat data demo…',
      done: 'Data demo dibuat: {{members}} anggota, {{orders}} pesanan.',
    },
  },
});
