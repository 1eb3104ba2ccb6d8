import { request, type APIRequestContext, type Page } from '@playwright/test';
import { demoId } from '../../src-server/store/demo-tenant.js';
import { SERVER_URL_ENV } from './stack-protocol.js';

/** The demo tenant's customer-page login: 主番号 = the 基本ID's direct number, and its password. */
export const DEMO_ADMIN = {
  mainNumber: '050-3000-0001',
  password: demoId('A').password,
} as const;

/** The server the global setup started (same one the softphone tests use). */
export function serverUrl(): string {
  const url = process.env[SERVER_URL_ENV];
  if (!url) throw new Error(`${SERVER_URL_ENV} is not set: run through playwright.config.ts (its global setup starts the server)`);
  return url;
}

export function customerPageUrl(): string {
  return new URL('/customer/', serverUrl()).toString();
}

/** Logs in through the page's form as the demo tenant's admin and waits for 番号・ID設定. */
export async function loginToCustomerPage(page: Page): Promise<void> {
  await page.goto(customerPageUrl());
  await page.getByLabel('主番号').fill(DEMO_ADMIN.mainNumber);
  await page.getByLabel('パスワード').fill(DEMO_ADMIN.password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.getByRole('heading', { level: 1, name: '番号・ID設定' }).waitFor();
}

/**
 * The customer API outside the page, for putting the shared demo tenant back the way other
 * tests expect it after a test changed it (the server lives for the whole run).
 */
export class CustomerApiClient {
  private constructor(
    private readonly context: APIRequestContext,
    private readonly csrfToken: string,
  ) {}

  static async login(): Promise<CustomerApiClient> {
    const context = await request.newContext({ baseURL: serverUrl() });
    const response = await context.post('/api/customer/login', { data: DEMO_ADMIN });
    if (!response.ok()) throw new Error(`customer API login failed: ${response.status()} ${await response.text()}`);
    const { csrfToken } = (await response.json()) as { csrfToken: string };
    return new CustomerApiClient(context, csrfToken);
  }

  async overview(): Promise<DemoOverview> {
    return (await this.call('GET', '/api/customer/overview')) as DemoOverview;
  }

  async call(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, data?: unknown): Promise<unknown> {
    const response = await this.context.fetch(path, {
      method,
      headers: method === 'GET' ? {} : { 'X-CSRF-Token': this.csrfToken },
      ...(data === undefined ? {} : { data }),
    });
    if (!response.ok()) throw new Error(`${method} ${path} failed: ${response.status()} ${await response.text()}`);
    const text = await response.text();
    return text ? (JSON.parse(text) as unknown) : undefined;
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
  }
}

export interface DemoOverview {
  ids: { idId: number; kind: string; directNumber: string; displayName: string; extension: string; defaultCallerNumber: string }[];
  numbers: { numberId: number; number: string; label: string; ringSet: number[] }[];
}
