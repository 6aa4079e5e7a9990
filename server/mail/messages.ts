/**
 * The words of shopper email in the six languages the widget speaks. One cohesive table (hence
 * its length): every locale has every key, which the `Messages` type enforces. `{name}`
 * placeholders are filled by `render.ts`; dates, times and money are formatted there with the
 * locale's own rules, never here.
 */

export const MAIL_LOCALES = ['en', 'id', 'fr', 'ja', 'zh', 'ar'] as const;
export type MailLocale = (typeof MAIL_LOCALES)[number];

export const MAIL_KINDS = [
  'confirmation',
  'picked_up',
  'out_for_delivery',
  'delivered',
  'delayed',
  'delivery_failed',
  'second_attempt',
  'no_driver',
  'cancelled',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

interface KindWords {
  subject: string;
  heading: string;
  body: string;
}

export interface Messages {
  kinds: Record<MailKind, KindWords>;
  order: string;
  items: string;
  delivery: string;
  total: string;
  arrives: string;
  newWindow: string;
  /** The window shown before paying, when a late payment moved the order to a later one. */
  shownWindow: string;
  /** Why the confirmation's window is not the one shown before paying. */
  windowMoved: string;
  track: string;
  courier: string;
  tracking: string;
  reason: string;
  footer: string;
}

/** The language of a BCP 47 tag we have email in (`zh-CN` → `zh`); English otherwise. */
export function mailLocale(tag: string | null | undefined): MailLocale {
  const primary = (tag ?? '').toLowerCase().split('-')[0] ?? '';
  // Indonesian's old code `in` still turns up in Java-made tags.
  const code = primary === 'in' ? 'id' : primary;
  return (MAIL_LOCALES as readonly string[]).includes(code) ? (code as MailLocale) : 'en';
}

export const MESSAGES: Record<MailLocale, Messages> = {
  en: {
    kinds: {
      confirmation: {
        subject: 'Your {merchant} order {order}',
        heading: 'Thank you for your order',
        body: 'We have your order and the shop is getting it ready.',
      },
      picked_up: { subject: 'Order {order} is picked up', heading: 'Picked up', body: 'Your parcel has left {place}.' },
      out_for_delivery: {
        subject: 'Order {order} is out for delivery',
        heading: 'Out for delivery',
        body: 'Your parcel is on its way to you.',
      },
      delivered: { subject: 'Order {order} was delivered', heading: 'Delivered', body: 'Your parcel was delivered. Enjoy!' },
      delayed: {
        subject: 'Order {order} is running late',
        heading: 'Running late',
        body: 'Sorry: your parcel will arrive later than we promised. Here is the new window.',
      },
      delivery_failed: {
        subject: 'We could not deliver order {order}',
        heading: 'Delivery not completed',
        body: 'The courier could not deliver your parcel. It goes back to the shop, which will try again or get in touch.',
      },
      second_attempt: {
        subject: 'We missed you: order {order} comes back this evening',
        heading: 'We missed you',
        body: 'We missed you at {missed}; a driver comes back at about {next}.',
      },
      no_driver: {
        subject: 'Order {order} is delayed: no driver took it',
        heading: 'No driver yet',
        body: 'No driver took your delivery. The shop will send it another way and tell you when it arrives.',
      },
      cancelled: {
        subject: 'Order {order} is cancelled',
        heading: 'Order cancelled',
        body: 'Your order was cancelled and your payment of {total} is refunded.',
      },
    },
    order: 'Order',
    items: 'Items',
    delivery: 'Delivery',
    total: 'Total',
    arrives: 'Arrives',
    newWindow: 'Now arrives',
    shownWindow: 'Shown at checkout',
    windowMoved:
      'The delivery window changed: your payment arrived after the last moment to order for the window shown at checkout, so your order takes the next one.',
    track: 'Track your order',
    courier: 'Your courier: {courier}',
    tracking: 'Tracking number',
    reason: 'Why',
    footer: 'You get this email because you ordered from {merchant}.',
  },
  id: {
    kinds: {
      confirmation: {
        subject: 'Pesanan {merchant} Anda {order}',
        heading: 'Terima kasih atas pesanan Anda',
        body: 'Pesanan Anda sudah kami terima dan toko sedang menyiapkannya.',
      },
      picked_up: { subject: 'Pesanan {order} sudah diambil', heading: 'Sudah diambil', body: 'Paket Anda sudah meninggalkan {place}.' },
      out_for_delivery: {
        subject: 'Pesanan {order} sedang diantar',
        heading: 'Sedang diantar',
        body: 'Paket Anda sedang dalam perjalanan ke alamat Anda.',
      },
      delivered: { subject: 'Pesanan {order} sudah diterima', heading: 'Terkirim', body: 'Paket Anda sudah diantar. Selamat menikmati!' },
      delayed: {
        subject: 'Pesanan {order} terlambat',
        heading: 'Terlambat',
        body: 'Mohon maaf: paket Anda akan tiba lebih lambat dari yang dijanjikan. Berikut jadwal barunya.',
      },
      delivery_failed: {
        subject: 'Pesanan {order} belum bisa diantar',
        heading: 'Pengiriman belum berhasil',
        body: 'Kurir tidak dapat mengantar paket Anda. Paket kembali ke toko, yang akan mencoba lagi atau menghubungi Anda.',
      },
      second_attempt: {
        subject: 'Kami tidak bertemu Anda: pesanan {order} diantar lagi malam ini',
        heading: 'Kami tidak bertemu Anda',
        body: 'Kurir datang pukul {missed} tetapi tidak dapat menyerahkan paket; kurir akan datang lagi sekitar pukul {next}.',
      },
      no_driver: {
        subject: 'Pesanan {order} tertunda: belum ada kurir',
        heading: 'Belum ada kurir',
        body: 'Tidak ada kurir yang menerima pengiriman Anda. Toko akan mengirimkannya dengan cara lain dan mengabari Anda kapan paket tiba.',
      },
      cancelled: {
        subject: 'Pesanan {order} dibatalkan',
        heading: 'Pesanan dibatalkan',
        body: 'Pesanan Anda dibatalkan dan pembayaran {total} dikembalikan.',
      },
    },
    order: 'Pesanan',
    items: 'Barang',
    delivery: 'Pengiriman',
    total: 'Total',
    arrives: 'Tiba',
    newWindow: 'Kini tiba',
    shownWindow: 'Ditampilkan saat checkout',
    windowMoved:
      'Jadwal pengiriman berubah: pembayaran Anda masuk setelah batas waktu pemesanan untuk jadwal yang ditampilkan saat checkout, jadi pesanan Anda mendapat jadwal berikutnya.',
    track: 'Lacak pesanan Anda',
    courier: 'Kurir Anda: {courier}',
    tracking: 'Nomor resi',
    reason: 'Alasan',
    footer: 'Anda menerima email ini karena berbelanja di {merchant}.',
  },
  fr: {
    kinds: {
      confirmation: {
        subject: 'Votre commande {merchant} {order}',
        heading: 'Merci pour votre commande',
        body: 'Nous avons bien reçu votre commande et la boutique la prépare.',
      },
      picked_up: { subject: 'Commande {order} récupérée', heading: 'Récupérée', body: 'Votre colis a quitté {place}.' },
      out_for_delivery: {
        subject: 'Commande {order} en cours de livraison',
        heading: 'En cours de livraison',
        body: 'Votre colis est en route vers vous.',
      },
      delivered: { subject: 'Commande {order} livrée', heading: 'Livrée', body: 'Votre colis a été livré. Bonne journée !' },
      delayed: {
        subject: 'Commande {order} en retard',
        heading: 'En retard',
        body: 'Désolés : votre colis arrivera plus tard que promis. Voici le nouveau créneau.',
      },
      delivery_failed: {
        subject: 'Nous n’avons pas pu livrer la commande {order}',
        heading: 'Livraison non effectuée',
        body: 'Le coursier n’a pas pu livrer votre colis. Il retourne à la boutique, qui tentera une nouvelle livraison ou vous contactera.',
      },
      second_attempt: {
        subject: 'Nous vous avons manqué : la commande {order} repasse ce soir',
        heading: 'Nous vous avons manqué',
        body: 'Nous sommes passés à {missed} sans pouvoir livrer ; un coursier repasse vers {next}.',
      },
      no_driver: {
        subject: 'Commande {order} retardée : aucun coursier disponible',
        heading: 'Aucun coursier pour l’instant',
        body: 'Aucun coursier n’a accepté votre livraison. La boutique l’enverra autrement et vous dira quand elle arrivera.',
      },
      cancelled: {
        subject: 'Commande {order} annulée',
        heading: 'Commande annulée',
        body: 'Votre commande a été annulée et votre paiement de {total} est remboursé.',
      },
    },
    order: 'Commande',
    items: 'Articles',
    delivery: 'Livraison',
    total: 'Total',
    arrives: 'Arrivée',
    newWindow: 'Nouvelle arrivée',
    shownWindow: 'Affiché à la commande',
    windowMoved:
      'Le créneau de livraison a changé : votre paiement est arrivé après l’heure limite du créneau affiché à la commande ; votre commande prend donc le suivant.',
    track: 'Suivre votre commande',
    courier: 'Votre coursier : {courier}',
    tracking: 'Numéro de suivi',
    reason: 'Motif',
    footer: 'Vous recevez cet e-mail car vous avez commandé chez {merchant}.',
  },
  ja: {
    kinds: {
      confirmation: {
        subject: '{merchant} ご注文 {order} の確認',
        heading: 'ご注文ありがとうございます',
        body: 'ご注文を承りました。ただいま店舗で準備しています。',
      },
      picked_up: { subject: 'ご注文 {order} の集荷が完了しました', heading: '集荷済み', body: 'お荷物は{place}を出発しました。' },
      out_for_delivery: {
        subject: 'ご注文 {order} は配達中です',
        heading: '配達中',
        body: 'お荷物はお届け先に向かっています。',
      },
      delivered: { subject: 'ご注文 {order} をお届けしました', heading: '配達完了', body: 'お荷物をお届けしました。' },
      delayed: {
        subject: 'ご注文 {order} のお届けが遅れています',
        heading: 'お届けの遅れ',
        body: '申し訳ございません。お約束より遅れてのお届けとなります。新しいお届け時間は以下のとおりです。',
      },
      delivery_failed: {
        subject: 'ご注文 {order} をお届けできませんでした',
        heading: '配達未完了',
        body: '配達員がお荷物をお届けできませんでした。お荷物は店舗に戻り、再配達またはご連絡をいたします。',
      },
      second_attempt: {
        subject: 'ご注文 {order} は本日中に再配達します',
        heading: 'ご不在でした',
        body: '{missed}にお届けにあがりましたが、お渡しできませんでした。{next}ごろに配達員が再度お伺いします。',
      },
      no_driver: {
        subject: 'ご注文 {order} のお届けが遅れています',
        heading: '配達員が見つかりません',
        body: 'お届けを引き受ける配達員が見つかりませんでした。店舗が別の方法でお送りし、お届け時期をご連絡します。',
      },
      cancelled: {
        subject: 'ご注文 {order} はキャンセルされました',
        heading: 'ご注文のキャンセル',
        body: 'ご注文はキャンセルされ、お支払い {total} は返金されます。',
      },
    },
    order: 'ご注文',
    items: '商品',
    delivery: '配送',
    total: '合計',
    arrives: 'お届け予定',
    newWindow: '新しいお届け予定',
    shownWindow: 'ご注文時の表示',
    windowMoved: 'お届け予定が変わりました。ご注文時に表示された枠の注文締め切りを過ぎてお支払いが届いたため、次の枠でのお届けとなります。',
    track: 'ご注文を追跡',
    courier: '配達員：{courier}',
    tracking: '追跡番号',
    reason: '理由',
    footer: '{merchant} でご注文いただいたため、このメールをお送りしています。',
  },
  zh: {
    kinds: {
      confirmation: {
        subject: '您在 {merchant} 的订单 {order}',
        heading: '感谢您的订购',
        body: '我们已收到您的订单，店铺正在备货。',
      },
      picked_up: { subject: '订单 {order} 已取件', heading: '已取件', body: '您的包裹已离开{place}。' },
      out_for_delivery: { subject: '订单 {order} 正在派送', heading: '派送中', body: '您的包裹正在送往您处。' },
      delivered: { subject: '订单 {order} 已送达', heading: '已送达', body: '您的包裹已送达，祝您使用愉快！' },
      delayed: {
        subject: '订单 {order} 将延迟送达',
        heading: '延迟送达',
        body: '很抱歉：您的包裹将晚于承诺时间送达。新的送达时间如下。',
      },
      delivery_failed: {
        subject: '订单 {order} 未能送达',
        heading: '派送未完成',
        body: '骑手未能送达您的包裹。包裹将退回店铺，店铺会重新派送或与您联系。',
      },
      second_attempt: {
        subject: '订单 {order} 将于今晚再次派送',
        heading: '我们错过了您',
        body: '骑手于 {missed} 上门但未能交付包裹；骑手将在 {next} 左右再次上门。',
      },
      no_driver: {
        subject: '订单 {order} 延迟：暂无骑手接单',
        heading: '暂无骑手',
        body: '没有骑手接下您的配送。店铺将改用其他方式寄送，并告知您送达时间。',
      },
      cancelled: {
        subject: '订单 {order} 已取消',
        heading: '订单已取消',
        body: '您的订单已取消，已付款项 {total} 将退回。',
      },
    },
    order: '订单',
    items: '商品',
    delivery: '配送',
    total: '合计',
    arrives: '预计送达',
    newWindow: '新的送达时间',
    shownWindow: '下单时显示',
    windowMoved: '送达时间已更改：您的付款在下单时显示时段的截止时间之后才到账，因此订单改为下一个时段送达。',
    track: '跟踪订单',
    courier: '您的骑手：{courier}',
    tracking: '运单号',
    reason: '原因',
    footer: '您收到此邮件是因为您在 {merchant} 下了订单。',
  },
  ar: {
    kinds: {
      confirmation: {
        subject: 'طلبك من {merchant} رقم {order}',
        heading: 'شكرًا لطلبك',
        body: 'استلمنا طلبك ويجهّزه المتجر الآن.',
      },
      picked_up: { subject: 'تم استلام الطلب {order}', heading: 'تم الاستلام', body: 'غادر طردك {place}.' },
      out_for_delivery: { subject: 'الطلب {order} في الطريق إليك', heading: 'قيد التوصيل', body: 'طردك في طريقه إليك.' },
      delivered: { subject: 'تم توصيل الطلب {order}', heading: 'تم التوصيل', body: 'تم توصيل طردك. نتمنى أن ينال إعجابك!' },
      delayed: {
        subject: 'الطلب {order} متأخر',
        heading: 'تأخير في التوصيل',
        body: 'نعتذر: سيصل طردك بعد الموعد الذي وعدنا به. إليك الموعد الجديد.',
      },
      delivery_failed: {
        subject: 'تعذّر توصيل الطلب {order}',
        heading: 'لم يكتمل التوصيل',
        body: 'تعذّر على المندوب توصيل طردك. سيعود الطرد إلى المتجر، الذي سيحاول مرة أخرى أو يتواصل معك.',
      },
      second_attempt: {
        subject: 'فاتنا لقاؤك: سنعيد توصيل الطلب {order} هذا المساء',
        heading: 'فاتنا لقاؤك',
        body: 'حاول المندوب التوصيل في {missed} ولم يتمكن من تسليم الطرد؛ سيعود مندوب في حوالي {next}.',
      },
      no_driver: {
        subject: 'تأخر الطلب {order}: لم يقبل أي مندوب التوصيل',
        heading: 'لا يوجد مندوب بعد',
        body: 'لم يقبل أي مندوب توصيل طلبك. سيرسله المتجر بطريقة أخرى ويخبرك بموعد وصوله.',
      },
      cancelled: {
        subject: 'تم إلغاء الطلب {order}',
        heading: 'تم إلغاء الطلب',
        body: 'تم إلغاء طلبك وسيُعاد إليك مبلغ {total}.',
      },
    },
    order: 'الطلب',
    items: 'المنتجات',
    delivery: 'التوصيل',
    total: 'الإجمالي',
    arrives: 'موعد الوصول',
    newWindow: 'موعد الوصول الجديد',
    shownWindow: 'المعروض عند الطلب',
    windowMoved: 'تغيّر موعد التوصيل: وصلت دفعتك بعد آخر موعد للطلب للموعد المعروض عند الطلب، لذا سيصل طلبك في الموعد التالي.',
    track: 'تتبّع طلبك',
    courier: 'المندوب: {courier}',
    tracking: 'رقم التتبع',
    reason: 'السبب',
    footer: 'تصلك هذه الرسالة لأنك طلبت من {merchant}.',
  },
};
