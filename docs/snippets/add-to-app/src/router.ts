import { createWechatAuthGuard } from '@wechat-qr-login/vue/router'
import { createRouter, createWebHistory } from 'vue-router'
import HomeView from './views/HomeView.vue'
import LoginView from './views/LoginView.vue'
import OrdersView from './views/OrdersView.vue'

const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', component: HomeView },
    { path: '/login', component: LoginView },
    // Signed-in users only: anyone else goes to /login first, and comes back here.
    { path: '/orders', component: OrdersView, meta: { requiresAuth: true } },
  ],
})

// Restores the session once per page load, and guards the routes that require it.
router.beforeEach(createWechatAuthGuard())

export default router
