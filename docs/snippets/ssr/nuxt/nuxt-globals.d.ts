import type { App } from 'vue'

// A stand-in for the auto-import types that Nuxt generates in .nuxt/, so that the sample's own
// code is type-checked here without installing Nuxt.
declare global {
  function defineNuxtPlugin(plugin: (nuxtApp: { vueApp: App }) => void): unknown
  function useRequestHeader(name: string): string | undefined
}
