/// <reference types="vite/client" />
/// <reference types="@wechat-qr-login/vite-plugin/client" />
