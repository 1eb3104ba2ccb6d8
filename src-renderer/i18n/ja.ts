/**
 * Japanese, the default language. Its keys are the message keys of the whole renderer:
 * every other dictionary must translate each of them (see en.ts).
 */
export const ja = {
  'app.title': 'PlusPhone',
  'app.hostConnecting': 'ソフトフォンに接続しています…',
  'app.hostUnavailable': 'ソフトフォンに接続できません。ページを再読み込みしてください。',
  'app.hostClosed': 'ソフトフォンとの接続が切れました。ページを再読み込みしてください。',

  'login.heading': 'ログイン',
  'login.serverUrl': 'サーバーURL',
  'login.loginId': 'ID（直通番号）',
  'login.loginIdHint': '例: 050-3000-0001',
  'login.password': 'パスワード',
  'login.submit': 'ログイン',
  'login.pending': 'ログイン中…',
  'login.serverUrlInvalid': 'サーバーURLが正しくありません',

  'account.extension': '内線 {extension}',
  'account.logout': 'ログアウト',

  'registration.label': '登録状態',
  'registration.registered': '登録済み',
  'registration.connecting': '接続中',
  'registration.unregistered': '未登録',
  'registration.failed': 'エラー',

  'dialer.heading': 'ダイヤル',
  'dialer.input': '発信先',
  'dialer.placeholder': '番号または内線',
  'dialer.callerNumber': '発信番号',
  'dialer.call': '発信',
  'dialer.backspace': '1文字削除',
  'dialer.clear': 'クリア',
  'dialer.keyHint': 'キーボード・テンキーで入力、Enterで発信、Escでクリア',
  'dialer.tenkey': 'テンキー',

  'lines.heading': '通話',
  'lines.empty': '通話はありません',
  'lines.outgoing': '発信',
  'lines.incoming': '着信',
  'lines.hangup': '切断',
  'lines.answer': '応答',
  'lines.reject': '拒否',
  'lines.duration': '通話時間',
  'line.state.dialing': '発信中',
  'line.state.ringingOut': '呼出中',
  'line.state.ringingIn': '着信中',
  'line.state.connected': '通話中',
  'line.state.ended': '終了',
  'line.end.localHangup': '切断しました',
  'line.end.remoteHangup': '相手が切断しました',
  'line.end.rejected': '拒否されました',
  'line.end.busy': '話し中です',
  'line.end.cancelled': '取り消されました',
  'line.end.answeredElsewhere': '他の端末で応答しました',
  'line.end.notFound': 'この番号は使われていません',
  'line.end.failed': '通話できませんでした',

  'popup.title': '着信',
  'popup.inCall': '通話中',
  'popup.hangup': '切断',
  'popup.calledNumber': '着信番号',
  'popup.answer': '応答',
  'popup.reject': '拒否',
  'popup.keyHint': 'Enterで応答、Escで拒否',

  'error.unavailable': 'ソフトフォンに接続できません',
  'error.timeout': '応答がありません。しばらくしてから再度お試しください',
  'error.internal': '予期しないエラーが発生しました',
} as const;

export type MessageKey = keyof typeof ja;
export type Messages = Record<MessageKey, string>;
