import { defineMessages } from '../../i18n/define';

export const settingsMessages = defineMessages({
  en: {
    subtitle: 'Appearance, language and the database in use',
    appearance: { title: 'Appearance', language: 'Language', theme: 'Theme' },
    database: {
      title: 'Database',
      path: 'File',
      schema: 'Schema version',
      user: 'Signed in as',
      members: 'Members',
      products: 'Products',
      orders: 'Orders',
    },
    roles: { admin: 'Administrator', accountant: 'Accountant', staff: 'Staff', viewer: 'Viewer' },
    shortcuts: { title: 'Keyboard shortcuts', gridEdges: 'First / last row of a table' },
  },
  id: {
    subtitle: 'Tampilan, bahasa, dan database yang digunakan',
    appearance: { title: 'Tampilan', language: 'Bahasa', theme: 'Tema' },
    database: {
      title: 'Database',
      path: 'Berkas',
      schema: 'Versi skema',
      user: 'Masuk sebagai',
      members: 'Anggota',
      products: 'Produk',
      orders: 'Pesanan',
    },
    roles: { admin: 'Administrator', accountant: 'Akuntan', staff: 'Staf', viewer: 'Pengamat' },
    shortcuts: { title: 'Pintasan keyboard', gridEdges: 'Baris pertama / terakhir tabel' },
  },
});
