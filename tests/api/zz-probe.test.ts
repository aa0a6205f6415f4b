import { it } from 'vitest';
import fc from 'fast-check';
import { request, toInject, __ctx } from './no-5xx.test.ts';
